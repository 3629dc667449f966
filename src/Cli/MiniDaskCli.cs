using System.CommandLine;
using MiniDask.Cli.Commands;

namespace MiniDask.Cli;

/// <summary>The <c>minidask</c> command: demo, bench, visualize, scheduler, worker and ssh.</summary>
public static class MiniDaskCli
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("MiniDask: chunked arrays and bags that build lazy task graphs, run on local threads or a cluster.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(VisualizeCommand.Create());
        root.Subcommands.Add(DevicesCommand.Create());
        root.Subcommands.Add(SchedulerCommand.Create());
        root.Subcommands.Add(MiniDask.Worker.WorkerCommand.Create());
        root.Subcommands.Add(SshCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given writers (the console by default). Returns the exit code.</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var config = new InvocationConfiguration
        {
            Output = output ?? System.Console.Out,
            Error = error ?? System.Console.Error,
        };
        return Build().Parse(args).Invoke(config);
    }
}
