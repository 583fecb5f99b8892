import BeizhuCLI
import BeizhuWorkspace

// Before any workspace is opened: every connection here is used by one thread at a time.
Workspace.configureSQLiteForSingleOwnerConnections()
BeizhuCommand.main()
