using System.Linq.Expressions;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>
/// The rewrite every SQLite query goes through before it is compiled (ClosedLambdas): a nested lambda that uses nothing
/// around it is made into one delegate for all executions, and everything else compiles and runs as before.
/// </summary>
public sealed class ClosedLambdasTests
{
    private readonly List<Func<int, int>> _passed = [];

    [Fact]
    public void A_nested_lambda_that_uses_nothing_around_it_is_one_delegate_for_every_execution()
    {
        Expression<Func<int, int>> query = x => Apply(y => y * 2, x);

        var original = query.Compile();
        Assert.Equal(6, original(3));
        Assert.Equal(8, original(4));
        Assert.NotSame(_passed[0], _passed[1]);

        var rewritten = ClosedLambdas.CompileNestedOnce(query).Compile();
        Assert.Equal(6, rewritten(3));
        Assert.Equal(8, rewritten(4));
        Assert.Same(_passed[2], _passed[3]);
    }

    [Fact]
    public void A_nested_lambda_that_uses_a_parameter_around_it_keeps_its_closure()
    {
        Expression<Func<int, int>> query = x => Apply(y => y + x, 1);

        var rewritten = ClosedLambdas.CompileNestedOnce(query);

        Assert.IsAssignableFrom<LambdaExpression>(((MethodCallExpression)rewritten.Body).Arguments[0]);
        Assert.Equal(11, rewritten.Compile()(10));
        Assert.Equal(21, rewritten.Compile()(20));
    }

    [Fact]
    public void A_lambda_with_its_own_variables_is_compiled_once_and_computes_the_same()
    {
        var y = Expression.Parameter(typeof(int), "y");
        var square = Expression.Variable(typeof(int), "square");
        var nested = Expression.Lambda<Func<int, int>>(
            Expression.Block([square], Expression.Assign(square, Expression.Multiply(y, y)), Expression.Add(square, Expression.Constant(1))), y);
        var x = Expression.Parameter(typeof(int), "x");
        var query = Expression.Lambda<Func<int, int>>(Expression.Call(Expression.Constant(this), nameof(Apply), null, nested, x), x);

        var rewritten = ClosedLambdas.CompileNestedOnce(query);

        Assert.IsType<ConstantExpression>(((MethodCallExpression)rewritten.Body).Arguments[0]);
        Assert.Equal(10, rewritten.Compile()(3));
    }

    [Fact]
    public void A_quoted_lambda_stays_an_expression_tree_and_one_invoked_in_place_stays_inline()
    {
        Expression<Func<int, string>> quoted = x => Describe(y => y + 1);
        Assert.Equal("y => (y + 1)", ClosedLambdas.CompileNestedOnce(quoted).Compile()(0));

        var y = Expression.Parameter(typeof(int), "y");
        var x = Expression.Parameter(typeof(int), "x");
        var invoked = Expression.Lambda<Func<int, int>>(
            Expression.Invoke(Expression.Lambda<Func<int, int>>(Expression.Multiply(y, Expression.Constant(3)), y), x), x);
        var rewritten = ClosedLambdas.CompileNestedOnce(invoked);
        Assert.IsAssignableFrom<LambdaExpression>(((InvocationExpression)rewritten.Body).Expression);
        Assert.Equal(12, rewritten.Compile()(4));
    }

    private int Apply(Func<int, int> f, int value)
    {
        _passed.Add(f);
        return f(value);
    }

    private static string Describe(Expression<Func<int, int>> expression) => expression.ToString();
}
