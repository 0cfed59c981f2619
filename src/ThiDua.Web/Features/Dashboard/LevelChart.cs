using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using ThiDua.Infrastructure.Dossiers;

namespace ThiDua.Web.Features.Dashboard;

/// <summary>A horizontal bar chart of dossiers per level, drawn on the server as SVG: no chart library, works without JavaScript.</summary>
public static class LevelChart
{
    public static IHtmlContent Render(IReadOnlyList<LevelCount> levels, string title, string overdueWord)
    {
        // The count after the longest bar ("1871 (1551 quá hạn)") needs about 200 units; 140 cut it off.
        const int barHeight = 30, gap = 12, labelWidth = 120, chartWidth = 560, countWidth = 220;
        var max = Math.Max(1, levels.Select(l => l.Total).DefaultIfEmpty(0).Max());
        var svg = new StringBuilder();
        svg.Append($"<svg class=\"chart\" role=\"img\" aria-label=\"{E(title)}\" viewBox=\"0 0 {chartWidth + labelWidth + countWidth} {levels.Count * (barHeight + gap) + gap}\" width=\"100%\">");
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            var y = gap + i * (barHeight + gap);
            var width = Math.Max(2, level.Total * chartWidth / max);
            var late = level.Overdue * chartWidth / max;
            var mid = y + barHeight / 2 + 4;
            svg.Append($"<text x=\"0\" y=\"{mid}\">{E(level.Level)}</text>");
            svg.Append($"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y}\" width=\"{width}\" height=\"{barHeight}\" rx=\"3\"><title>{E(level.Level)}: {level.Total}</title></rect>");
            if (late > 0)
                svg.Append($"<rect class=\"bar late\" x=\"{labelWidth}\" y=\"{y}\" width=\"{late}\" height=\"{barHeight}\" rx=\"3\"><title>{E(overdueWord)}: {level.Overdue}</title></rect>");
            var label = level.Overdue > 0 ? $"{level.Total} ({level.Overdue} {overdueWord})" : level.Total.ToString();
            svg.Append($"<text x=\"{labelWidth + width + 6}\" y=\"{mid}\" data-level=\"{E(level.Level)}\">{E(label)}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
