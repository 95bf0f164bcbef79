namespace GovReport.Terminal;

/// <summary>Selection and scroll position of a <see cref="ListView"/>.</summary>
public readonly record struct ListState(int Selected = 0, int Offset = 0)
{
    /// <summary>Moves the selection by <paramref name="delta"/> (clamped) and scrolls it into a view of <paramref name="viewHeight"/> rows.</summary>
    public ListState Move(int delta, int count, int viewHeight) =>
        (this with { Selected = count == 0 ? 0 : Math.Clamp(Selected + delta, 0, count - 1) }).EnsureVisible(viewHeight);

    /// <summary>
    /// Applies a list navigation key: ↑ ↓ PgUp PgDn, and Home End unless <paramref name="homeEnd"/> is false (when a
    /// text field on the same screen owns them). False, and <paramref name="moved"/> unchanged, for any other key.
    /// </summary>
    public bool TryNavigate(Key key, int count, int viewHeight, out ListState moved, bool homeEnd = true)
    {
        var page = Math.Max(1, viewHeight);
        int? delta = key switch
        {
            Key.Up => -1,
            Key.Down => 1,
            Key.PageUp => -page,
            Key.PageDown => page,
            Key.Home when homeEnd => -count,
            Key.End when homeEnd => count,
            _ => null,
        };
        moved = delta is { } d ? Move(d, count, viewHeight) : this;
        return delta is not null;
    }

    /// <summary>Adjusts <see cref="Offset"/> so that <see cref="Selected"/> is within a view of <paramref name="viewHeight"/> rows.</summary>
    public ListState EnsureVisible(int viewHeight)
    {
        viewHeight = Math.Max(1, viewHeight);
        var offset = Math.Clamp(Offset, Math.Max(0, Selected - viewHeight + 1), Math.Max(0, Selected));
        return this with { Offset = offset };
    }
}

/// <summary>A vertical list of single-line items with one selected; scrolls to keep the selection visible.</summary>
public static class ListView
{
    public static void Draw(ScreenBuffer buffer, Rect area, IReadOnlyList<string> items, ListState state, Theme theme)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(theme);
        if (area.IsEmpty)
        {
            return;
        }

        state = state.EnsureVisible(area.Height);
        var scrollable = items.Count > area.Height;
        var textWidth = scrollable ? area.Width - 1 : area.Width;
        for (var row = 0; row < area.Height; row++)
        {
            var index = state.Offset + row;
            var line = new Rect(area.X, area.Y + row, textWidth, 1);
            if (index >= items.Count)
            {
                buffer.Fill(line, ' ', theme.Normal);
                continue;
            }

            var style = index == state.Selected ? theme.Selected : theme.Normal;
            Label.Draw(buffer, line, " " + items[index], style);
        }

        if (scrollable)
        {
            // A one-column scroll indicator: the thumb marks where the view is.
            var thumb = (int)((long)state.Offset * (area.Height - 1) / Math.Max(1, items.Count - area.Height));
            for (var row = 0; row < area.Height; row++)
            {
                buffer.SetString(area.Right - 1, area.Y + row, row == thumb ? "█" : "░", theme.Border);
            }
        }
    }
}
