using System.Linq.Expressions;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Compiles, once, the lambdas nested in an expression that use nothing of the code around them, and puts each
/// delegate in the tree as a constant.
/// <para>
/// .NET compiles a nested lambda into a method of its own and, each time the enclosing code runs, makes a new
/// delegate for it (<c>DynamicMethod.CreateDelegate</c>). EF Core 10 passes a query's shaper and command resolver that
/// way, so every execution of every query paid for two delegates: 2.3% of an approval's CPU in a <c>perf</c> profile
/// (<c>bench/RESULTS.md</c>, item 57; dotnet/efcore#35210).
/// </para>
/// <para>
/// Left as they are: a lambda that uses a parameter or variable of the code around it (it needs that code's closure),
/// a quoted one (an expression tree, not a delegate) and one invoked in place (compiled inline, no delegate made).
/// </para>
/// </summary>
internal sealed class ClosedLambdas : ExpressionVisitor
{
    public static Expression<T> CompileNestedOnce<T>(Expression<T> root) =>
        root.Update(new ClosedLambdas().Visit(root.Body), root.Parameters);

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        var lambda = node.Update(Visit(node.Body), node.Parameters);
        return FreeParameters.Any(lambda) ? lambda : Expression.Constant(lambda.Compile(), typeof(T));
    }

    protected override Expression VisitUnary(UnaryExpression node) =>
        node.NodeType == ExpressionType.Quote ? node : base.VisitUnary(node);

    protected override Expression VisitInvocation(InvocationExpression node) =>
        node.Expression is LambdaExpression invoked
            ? node.Update(Expression.Lambda(invoked.Type, Visit(invoked.Body), invoked.Name, invoked.TailCall, invoked.Parameters), Visit(node.Arguments))
            : base.VisitInvocation(node);

    /// <summary>Whether an expression uses a parameter or variable that it does not declare itself.</summary>
    private sealed class FreeParameters : ExpressionVisitor
    {
        private readonly HashSet<ParameterExpression> _declared = [];
        private readonly HashSet<ParameterExpression> _used = [];

        public static bool Any(Expression expression)
        {
            var finder = new FreeParameters();
            finder.Visit(expression);
            return !finder._used.IsSubsetOf(finder._declared);
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            _declared.UnionWith(node.Parameters);
            return base.VisitLambda(node);
        }

        protected override Expression VisitBlock(BlockExpression node)
        {
            _declared.UnionWith(node.Variables);
            return base.VisitBlock(node);
        }

        protected override CatchBlock VisitCatchBlock(CatchBlock node)
        {
            if (node.Variable is { } variable)
                _declared.Add(variable);
            return base.VisitCatchBlock(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _used.Add(node);
            return node;
        }
    }
}
