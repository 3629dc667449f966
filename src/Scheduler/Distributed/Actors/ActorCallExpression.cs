using System.Linq.Expressions;
using System.Reflection;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Reads an actor call written as a lambda, <c>a =&gt; a.Increment(5)</c> or <c>a =&gt; a.Count</c>:
/// which public method (or property getter) of the actor it calls, and the values of its
/// arguments, evaluated here. Constants and captured variables are read directly; any other
/// argument expression is evaluated by interpretation, without compiling code.
/// </summary>
internal static class ActorCallExpression
{
    /// <summary>The method called and its argument values.</summary>
    /// <exception cref="ArgumentException">The lambda is not one call of a public instance method of the actor on its parameter, or an argument uses the actor itself.</exception>
    public static (MethodInfo Method, object?[] Args) Read(LambdaExpression call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var actor = call.Parameters[0];
        var body = call.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : call.Body;
        var (method, arguments) = body switch
        {
            MethodCallExpression m when m.Object == actor => (m.Method, m.Arguments),
            MemberExpression { Member: PropertyInfo p } m when m.Expression == actor && p.GetMethod is { } getter => (getter, (IReadOnlyList<Expression>)[]),
            _ => throw new ArgumentException(
                $"An actor call must call one public method (or read one property) of the actor on the lambda's parameter, such as a => a.Increment(5); '{call}' does not.",
                nameof(call)),
        };

        if (!method.IsPublic || method.IsStatic)
        {
            throw new ArgumentException($"{method.DeclaringType?.Name}.{method.Name} is not a public instance method; an actor is called only through those.", nameof(call));
        }

        var args = new object?[arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            if (new UsesParameter(actor).Check(arguments[i]))
            {
                throw new ArgumentException(
                    $"Argument {i} of {method.Name} in '{call}' uses the actor itself; arguments are evaluated before the call is sent, so they cannot.", nameof(call));
            }

            args[i] = Evaluate(arguments[i]);
        }

        return (method, args);
    }

    private static object? Evaluate(Expression expression) => expression switch
    {
        ConstantExpression constant => constant.Value,
        MemberExpression { Member: FieldInfo field, Expression: null or ConstantExpression } member =>
            field.GetValue((member.Expression as ConstantExpression)?.Value),
        MemberExpression { Member: PropertyInfo property, Expression: null or ConstantExpression } member =>
            property.GetValue((member.Expression as ConstantExpression)?.Value),
        UnaryExpression { NodeType: ExpressionType.Convert } convert when Evaluate(convert.Operand) is var inner
            && (inner is null || convert.Type.IsInstanceOfType(inner)) => inner,
        _ => Expression.Lambda<Func<object?>>(Expression.Convert(expression, typeof(object))).Compile(preferInterpretation: true)(),
    };

    private sealed class UsesParameter(ParameterExpression parameter) : ExpressionVisitor
    {
        private bool found;

        public bool Check(Expression expression)
        {
            Visit(expression);
            return found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            found |= node == parameter;
            return node;
        }
    }
}
