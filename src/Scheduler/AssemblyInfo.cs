using MiniDask.Graph;
using MiniDask.Scheduler;

[assembly: DefaultScheduler(typeof(LocalScheduler))]
