namespace Leads.ArchitectureTests;

/// <summary>
/// A file past about 300 lines usually holds more than one concern. Long files are allowed when their header says
/// why (a line starting with <c>// Long file:</c> near the top), so the length is a decision, not an accident.
/// Checked for the folders whose owners adopted the rule; generated migrations are exempt.
/// </summary>
public sealed class SourceFileLengthTests
{
    private const int MaxLines = 300;
    private const string Reason = "// Long file:";

    private static readonly string[] CheckedFolders = ["src/Leads.Api", "tests/Leads.UnitTests", "tests/Leads.ArchitectureTests"];

    [Fact]
    public void Source_files_stay_short_or_say_why()
    {
        var tooLong = SourceFiles()
            .Select(path => (Path: path, Lines: File.ReadAllLines(path)))
            .Where(file => file.Lines.Length > MaxLines && !file.Lines.Take(15).Any(l => l.TrimStart().StartsWith(Reason, StringComparison.Ordinal)))
            .Select(file => $"{Path.GetRelativePath(RepositoryRoot(), file.Path)} ({file.Lines.Length} lines)")
            .ToArray();

        tooLong.Should().BeEmpty();
    }

    [Fact]
    public void The_rule_sees_the_files_it_judges()
    {
        SourceFiles().Should().Contain(path => path.EndsWith(Path.Combine("src", "Leads.Api", "Program.cs"), StringComparison.Ordinal));
    }

    private static IEnumerable<string> SourceFiles()
    {
        var root = RepositoryRoot();
        var separator = Path.DirectorySeparatorChar;
        return CheckedFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{separator}obj{separator}", StringComparison.Ordinal)
                && !path.Contains($"{separator}bin{separator}", StringComparison.Ordinal)
                && !path.Contains($"{separator}Migrations{separator}", StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Leads.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Leads.sln was not found above " + AppContext.BaseDirectory);
    }
}
