#ifndef BEIZHU_CSQLITESETUP_SHIM_H
#define BEIZHU_CSQLITESETUP_SHIM_H
// sqlite3_config is variadic, which Swift cannot call: this wrapper can.
#include <sqlite3.h>

// Multi-thread mode (no mutex per connection call) and no memory statistics (no global mutex per
// allocation). Valid only before SQLite is initialised; returns 0 when both took effect.
static inline int beizhu_sqlite_configure_single_owner_connections(void) {
  int threading = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  int statistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  return threading == SQLITE_OK && statistics == SQLITE_OK ? 0 : 1;
}
#endif
