// OpenSSL's libcrypto (Debian libssl-dev), seen by Swift through the CCrypto module: only the
// EVP digest calls, whose sha256 uses the CPU's SHA extensions where it has them.
#include <openssl/evp.h>
