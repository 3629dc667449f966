return MiniDask.Cli.MiniDaskCli.Run(args);
