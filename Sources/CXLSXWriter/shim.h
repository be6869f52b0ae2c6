// The libxlsxwriter header (Debian libxlsxwriter-dev), seen by Swift through the CXLSXWriter module.
#include <xlsxwriter.h>
