using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// EF Core's query compilation for SQLite, with the lambdas nested in each compiled query made into delegates once
/// instead of at every execution (<see cref="ClosedLambdas"/>). Replaces the SQLite provider's factory, whose context
/// differs from the relational one only in saying it supports precompiled queries, as this one does too.
/// </summary>
internal sealed class QueriesCompiledOnce(QueryCompilationContextDependencies dependencies, RelationalQueryCompilationContextDependencies relational)
    : IQueryCompilationContextFactory
{
    public QueryCompilationContext Create(bool async) => new Context(dependencies, relational, async);

    private sealed class Context(QueryCompilationContextDependencies dependencies, RelationalQueryCompilationContextDependencies relational, bool async)
        : RelationalQueryCompilationContext(dependencies, relational, async)
    {
        /// <summary>As the SQLite provider's context says (SqliteQueryCompilationContext, an internal API of EF Core's).</summary>
        public override bool SupportsPrecompiledQuery => true;

        /// <summary>As EF Core's own (QueryCompilationContext.CreateQueryExecutor), with the nested lambdas compiled before the whole.</summary>
        public override Func<QueryContext, TResult> CreateQueryExecutor<TResult>(Expression query)
        {
            // The steps EF Core's own method takes, through methods marked "for evaluation" because precompiled queries use them.
#pragma warning disable EF9100
            var executor = CreateQueryExecutorExpression<TResult>(query);
            var inlined = (Expression<Func<QueryContext, TResult>>)Dependencies.LiftableConstantProcessor.InlineConstants(executor, SupportsPrecompiledQuery);
#pragma warning restore EF9100
            try
            {
                return ClosedLambdas.CompileNestedOnce(inlined).Compile();
            }
            finally
            {
                Logger.QueryExecutionPlanned(Dependencies.Context, new ExpressionPrinter(), executor);
            }
        }
    }
}
