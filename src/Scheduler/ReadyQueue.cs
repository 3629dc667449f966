namespace MiniDask.Scheduler;

/// <summary>
/// The tasks ready to run, lowest priority first. Priorities are a permutation of the task
/// positions (<see cref="ExecutionPlan.Priority"/>), so the queue is a binary heap of plain
/// priorities in one array sized for every task, with the inverse permutation to map a priority
/// back to its task: no growth, no pairs, nothing allocated per task.
/// </summary>
internal sealed class ReadyQueue
{
    private readonly int[] priority;
    private readonly int[] taskOf;
    private readonly int[] heap;
    private int count;

    /// <summary>An empty queue for the tasks whose priorities are <paramref name="priority"/> (indexed by position).</summary>
    public ReadyQueue(int[] priority)
    {
        this.priority = priority;
        taskOf = new int[priority.Length];
        for (var task = 0; task < priority.Length; task++)
        {
            taskOf[priority[task]] = task;
        }

        heap = new int[priority.Length];
    }

    /// <summary>The number of tasks waiting in the queue.</summary>
    public int Count => count;

    /// <summary>Adds the task at <paramref name="task"/>; each task is added at most once.</summary>
    public void Enqueue(int task)
    {
        var value = priority[task];
        var i = count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (heap[parent] <= value)
            {
                break;
            }

            heap[i] = heap[parent];
            i = parent;
        }

        heap[i] = value;
    }

    /// <summary>Removes the task of lowest priority, or returns false when the queue is empty.</summary>
    public bool TryDequeue(out int task)
    {
        if (count == 0)
        {
            task = -1;
            return false;
        }

        task = taskOf[heap[0]];
        var last = heap[--count];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && heap[child + 1] < heap[child])
            {
                child++;
            }

            if (last <= heap[child])
            {
                break;
            }

            heap[i] = heap[child];
            i = child;
        }

        heap[i] = last;
        return true;
    }
}
