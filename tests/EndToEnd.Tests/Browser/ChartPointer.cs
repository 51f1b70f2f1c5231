using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Browser;

/// <summary>A run's row in a chart's tooltip: the run and the exact value the tooltip read at the cursor.</summary>
public sealed record TooltipRow(string Run, double Value);

/// <summary>The pointer on a chart card's plot area (uPlot's <c>.u-over</c>): hovering for the tooltip, dragging to zoom.</summary>
public static class ChartPointer
{
    /// <summary>Hovers the plot at the given fractions of its width and height and reads the tooltip's rows, in order.</summary>
    public static async Task<IReadOnlyList<TooltipRow>> TooltipAtAsync(IPage page, ILocator card, float x, float y, int rows)
    {
        var box = await PlotBoxAsync(card);
        // Two moves: the tooltip follows pointer moves, and a move from elsewhere enters the plot first.
        await page.Mouse.MoveAsync(box.X + (box.Width * x) - 3, box.Y + (box.Height * y));
        await page.Mouse.MoveAsync(box.X + (box.Width * x), box.Y + (box.Height * y));
        var tooltip = card.GetByTestId("chart-tooltip");
        await Expect(tooltip).ToBeVisibleAsync();
        await Expect(tooltip.GetByTestId("chart-tooltip-row")).ToHaveCountAsync(rows);
        var cells = await tooltip.GetByTestId("chart-tooltip-row").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.dataset.run, r.dataset.value])");
        return [.. cells.Select(c => new TooltipRow(c[0], double.Parse(c[1], CultureInfo.InvariantCulture)))];
    }

    /// <summary>Drags across the plot from one fraction of its width to another, as a user selects a range to zoom into.</summary>
    public static async Task DragAsync(IPage page, ILocator card, float from, float to)
    {
        var box = await PlotBoxAsync(card);
        var y = box.Y + (box.Height / 2);
        await page.Mouse.MoveAsync(box.X + (box.Width * from), y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width * to), y, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    private static async Task<LocatorBoundingBoxResult> PlotBoxAsync(ILocator card)
    {
        var over = card.Locator(".u-over");
        await Expect(over).ToBeVisibleAsync();
        return await over.BoundingBoxAsync() ?? throw new InvalidOperationException("The plot area has no box.");
    }
}
