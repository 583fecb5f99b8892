#ifndef BEIZHU_COPENCC_SHIM_H
#define BEIZHU_COPENCC_SHIM_H
#include <stddef.h>
#include <opencc/opencc.h>

/// opencc_open reports failure as (opencc_t)-1, which Swift cannot spell as a constant.
static inline int beizhu_opencc_is_valid(opencc_t handle) {
  return handle != NULL && handle != (opencc_t)-1;
}
#endif
