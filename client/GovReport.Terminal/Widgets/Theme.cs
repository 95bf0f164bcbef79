namespace GovReport.Terminal;

/// <summary>
/// Styles the widgets draw with. Selection and findings carry Reverse/Underline/Bold as well as colour,
/// so they stay visible in monochrome (NO_COLOR) mode.
/// </summary>
public sealed record Theme(
    Style Normal,
    Style Border,
    Style Header,
    Style Selected,
    Style Dim,
    Style Finding,
    Style FindingSelected,
    Style TabActive,
    Style TabInactive,
    Style StatusBar,
    Style StatusKey,
    Style Input,
    Style Modal)
{
    public static Theme Default { get; } = new(
        Normal: Style.Default,
        Border: new Style(Color.BrightBlack),
        Header: new Style(Color.BrightWhite, Color.Default, TextAttributes.Bold),
        Selected: new Style(Color.Cyan, Color.Default, TextAttributes.Reverse | TextAttributes.Bold),
        Dim: new Style(Color.BrightBlack, Color.Default, TextAttributes.Dim),
        Finding: new Style(Color.BrightRed, Color.Default, TextAttributes.Bold | TextAttributes.Underline),
        FindingSelected: new Style(Color.BrightRed, Color.Default, TextAttributes.Reverse | TextAttributes.Bold | TextAttributes.Underline),
        TabActive: new Style(Color.Black, Color.Cyan, TextAttributes.Bold | TextAttributes.Reverse),
        TabInactive: new Style(Color.White),
        StatusBar: new Style(Color.Black, Color.White, TextAttributes.Reverse),
        StatusKey: new Style(Color.Black, Color.Yellow, TextAttributes.Reverse | TextAttributes.Bold),
        Input: new Style(Color.Default, Color.Default, TextAttributes.Underline),
        Modal: Style.Default);
}

public enum Alignment
{
    Left,
    Center,
    Right,
}
