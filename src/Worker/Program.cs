return MiniDask.Worker.WorkerCommand.Run(args);
