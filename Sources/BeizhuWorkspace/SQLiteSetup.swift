import CSQLiteSetup

extension Workspace {
  /// Puts SQLite in multi-thread mode without memory statistics, for a process in which every
  /// connection is used by one thread at a time — true of Beizhu (GRDB serialises each
  /// connection on its own queue). Every SQLite call then skips a mutex: a tenth of the
  /// workspace writer's time in an import.
  ///
  /// Process-wide, so only the `beizhu` command calls it, first thing; a program embedding
  /// BeizhuKit that shares SQLite with other code keeps SQLite's default (serialized) mode.
  /// - Returns: `false` when SQLite was already in use (the setting is then left unchanged).
  @discardableResult
  public static func configureSQLiteForSingleOwnerConnections() -> Bool {
    beizhu_sqlite_configure_single_owner_connections() == 0
  }
}
