#ifndef BEIZHU_CLIBCRYPTO_SHIM_H
#define BEIZHU_CLIBCRYPTO_SHIM_H
// Only the digest API: SHA-256 of imported files, with the CPU's SHA instructions when present.
#include <openssl/evp.h>
#endif
