using FluentValidation;

namespace Leads.Application.Common.Validation;

/// <summary>
/// Rules for text that users send. Postgres refuses NUL in text (a NUL that reached a query answered 500), and
/// control characters in names, keys and search strings are never meant: they hide in logs and terminals. Only
/// multi-line fields (notes, descriptions) may carry tab, line feed and carriage return.
/// </summary>
public static class TextRules
{
    public static IRuleBuilderOptions<T, string?> SingleLineText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || !text.Any(char.IsControl) && !HasLoneSurrogate(text))
            .WithMessage("'{PropertyName}' must not contain control characters (including NUL) or invalid Unicode.");

    public static IRuleBuilderOptions<T, string?> MultiLineText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || !text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) && !HasLoneSurrogate(text))
            .WithMessage("'{PropertyName}' must not contain control characters other than tab and line breaks (no NUL) or invalid Unicode.");

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
