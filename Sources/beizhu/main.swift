import BeizhuCLI

BeizhuCommand.main()
