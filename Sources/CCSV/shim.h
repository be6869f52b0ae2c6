// The libcsv header (Debian libcsv-dev), seen by Swift through the CCSV module.
#include <csv.h>

/// True when the parser stopped inside a quoted field, i.e. the input ended with an
/// unterminated quote. libcsv's own check (CSV_STRICT_FINI) needs CSV_STRICT, which would
/// also reject a quote inside an unquoted field; the contract keeps such quotes literally.
/// The state value 2 is libcsv.c's FIELD_BEGUN (libcsv 3.0.x).
static inline int csv_shim_in_quoted_field(const struct csv_parser *p) {
    return p->pstate == 2 && p->quoted;
}
