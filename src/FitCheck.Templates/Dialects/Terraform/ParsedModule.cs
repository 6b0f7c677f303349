using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Hcl;

namespace FitCheck.Templates.Dialects.Terraform;

/// <summary>A <c>resource</c> or <c>data</c> block of a module.</summary>
internal sealed record ResourceDeclaration(string Type, string Name, bool IsData, HclBlock Block)
{
    public string Address => IsData ? $"data.{Type}.{Name}" : $"{Type}.{Name}";
}

/// <summary>The blocks of one module folder, merged over its files (override files applied as Terraform does).</summary>
internal sealed class ParsedModule(string directory, string display)
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "terraform", "provider", "moved", "import", "check", "removed", "ephemeral" };

    public string Directory { get; } = directory;

    public string Display { get; } = display;

    public Dictionary<string, HclBlock> Variables { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HclAttribute> Locals { get; } = new(StringComparer.Ordinal);

    public List<ResourceDeclaration> Resources { get; } = [];

    public List<HclBlock> ModuleCalls { get; } = [];

    public Dictionary<string, HclBlock> Outputs { get; } = new(StringComparer.Ordinal);

    public ResourceDeclaration? Resource(bool isData, string type, string name) =>
        Resources.FirstOrDefault(r => r.IsData == isData && r.Type == type && r.Name == name);

    public bool HasResourceType(string type) => Resources.Any(r => !r.IsData && r.Type == type);

    public HclBlock? ModuleCall(string name) => ModuleCalls.FirstOrDefault(m => m.Label(0) == name);

    public void Add(HclBody body, TerraformLoader.LoadSession session, bool isOverride)
    {
        foreach (var attribute in body.Attributes)
        {
            session.Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"'{attribute.Name}' is an attribute outside any block; Terraform expects blocks here, and fitcheck ignores it", attribute.NameSpan);
        }

        foreach (var block in body.Blocks)
        {
            switch (block.Type)
            {
                case "resource" or "data" when block.Labels.Count == 2:
                    var isData = block.Type == "data";
                    var declaration = new ResourceDeclaration(block.Labels[0].Value, block.Labels[1].Value, isData, block);
                    var index = Resources.FindIndex(r => r.IsData == isData && r.Type == declaration.Type && r.Name == declaration.Name);
                    if (index < 0)
                    {
                        if (isOverride)
                        {
                            session.Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"the override {declaration.Address} has no block to override", block.TypeSpan);
                        }

                        Resources.Add(declaration);
                    }
                    else if (isOverride)
                    {
                        Resources[index] = declaration with { Block = Merge(Resources[index].Block, block) };
                    }
                    else
                    {
                        session.Report(DiagnosticCodes.DuplicateKey, DiagnosticLevel.Warning, $"{declaration.Address} is declared twice (first at line {Resources[index].Block.Span.Line}); the first one is used", block.TypeSpan);
                    }

                    break;
                case "variable" or "output" or "module" when block.Labels.Count == 1:
                    AddNamed(block, session, isOverride);
                    break;
                case "locals":
                    foreach (var attribute in block.Body.Attributes)
                    {
                        if (Locals.ContainsKey(attribute.Name) && !isOverride)
                        {
                            session.Report(DiagnosticCodes.DuplicateKey, DiagnosticLevel.Warning, $"local.{attribute.Name} is defined twice; the first one is used", attribute.NameSpan);
                            continue;
                        }

                        Locals[attribute.Name] = attribute;
                    }

                    break;
                case var t when Ignored.Contains(t):
                    break;
                default:
                    session.Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning,
                        block.Type is "resource" or "data" or "variable" or "output" or "module"
                            ? $"a {block.Type} block with {block.Labels.Count} labels is not valid Terraform; ignored"
                            : $"'{block.Type}' is not a Terraform block type; ignored", block.TypeSpan);
                    break;
            }
        }
    }

    private void AddNamed(HclBlock block, TerraformLoader.LoadSession session, bool isOverride)
    {
        var name = block.Labels[0].Value;
        if (block.Type == "module")
        {
            var index = ModuleCalls.FindIndex(m => m.Label(0) == name);
            if (index < 0)
            {
                ModuleCalls.Add(block);
            }
            else if (isOverride)
            {
                ModuleCalls[index] = Merge(ModuleCalls[index], block);
            }
            else
            {
                session.Report(DiagnosticCodes.DuplicateKey, DiagnosticLevel.Warning, $"module.{name} is declared twice; the first one is used", block.TypeSpan);
            }

            return;
        }

        var map = block.Type == "variable" ? Variables : Outputs;
        if (!map.TryGetValue(name, out var existing))
        {
            map[name] = block;
        }
        else if (isOverride)
        {
            map[name] = Merge(existing, block);
        }
        else
        {
            session.Report(DiagnosticCodes.DuplicateKey, DiagnosticLevel.Warning, $"{block.Type} \"{name}\" is declared twice; the first one is used", block.TypeSpan);
        }
    }

    /// <summary>Terraform's override merge: attributes of the override replace the base's; nested blocks of a type replace all the base's blocks of that type.</summary>
    private static HclBlock Merge(HclBlock original, HclBlock over)
    {
        var names = over.Body.Attributes.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var types = over.Body.Blocks.Select(b => b.Type).ToHashSet(StringComparer.Ordinal);
        var attributes = original.Body.Attributes.Where(a => !names.Contains(a.Name)).Concat(over.Body.Attributes).ToList();
        var blocks = original.Body.Blocks.Where(b => !types.Contains(b.Type)).Concat(over.Body.Blocks).ToList();
        return original with { Body = new HclBody(attributes, blocks, original.Body.Span) };
    }
}
