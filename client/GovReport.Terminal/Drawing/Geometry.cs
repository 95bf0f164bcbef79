namespace GovReport.Terminal;

/// <summary>A cell position (column, row), zero-based.</summary>
public readonly record struct Point(int X, int Y);

/// <summary>A rectangle of cells. Empty when width or height is not positive.</summary>
public readonly record struct Rect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public bool IsEmpty => Width <= 0 || Height <= 0;

    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;

    public Rect Intersect(Rect other)
    {
        var x = Math.Max(X, other.X);
        var y = Math.Max(Y, other.Y);
        var right = Math.Min(Right, other.Right);
        var bottom = Math.Min(Bottom, other.Bottom);
        return right <= x || bottom <= y ? new Rect(x, y, 0, 0) : new Rect(x, y, right - x, bottom - y);
    }

    /// <summary>Shrinks the rectangle by <paramref name="margin"/> on every side.</summary>
    public Rect Inset(int margin) => new(X + margin, Y + margin, Math.Max(0, Width - (2 * margin)), Math.Max(0, Height - (2 * margin)));

    /// <summary>The rectangle centred inside this one with the given size (clamped to fit).</summary>
    public Rect Center(int width, int height)
    {
        width = Math.Min(width, Width);
        height = Math.Min(height, Height);
        return new Rect(X + ((Width - width) / 2), Y + ((Height - height) / 2), width, height);
    }

    /// <summary>Takes <paramref name="rows"/> rows off the top; <paramref name="rest"/> is what remains below.</summary>
    public Rect SplitTop(int rows, out Rect rest)
    {
        // Compute before assigning: `rest` may alias this struct (r.SplitTop(1, out r)).
        rows = Math.Clamp(rows, 0, Math.Max(0, Height));
        var top = new Rect(X, Y, Width, rows);
        rest = new Rect(X, Y + rows, Width, Height - rows);
        return top;
    }

    /// <summary>Takes <paramref name="rows"/> rows off the bottom; <paramref name="rest"/> is what remains above.</summary>
    public Rect SplitBottom(int rows, out Rect rest)
    {
        rows = Math.Clamp(rows, 0, Math.Max(0, Height));
        var bottom = new Rect(X, Bottom - rows, Width, rows);
        rest = new Rect(X, Y, Width, Height - rows);
        return bottom;
    }
}
