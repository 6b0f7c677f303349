namespace FitCheck.Model;

/// <summary>The architecture one template declares: components, flows between them and the permissions they hold.</summary>
public sealed class Architecture
{
    private readonly Dictionary<string, Component> _byId = new(StringComparer.Ordinal);

    public Architecture(TemplateInfo template) => Template = template;

    public TemplateInfo Template { get; }

    /// <summary>Components in declaration order, implicit ones after the resource that implies them.</summary>
    public List<Component> Components { get; } = [];

    public List<Flow> Flows { get; } = [];

    public List<Grant> Grants { get; } = [];

    public List<ResourcePermission> ResourcePermissions { get; } = [];

    /// <summary>Hard-coded ARNs of resources the template depends on but does not declare.</summary>
    public List<ExternalReference> ExternalReferences { get; } = [];

    public List<Diagnostic> Diagnostics { get; } = [];

    public void Add(Component component)
    {
        if (_byId.TryAdd(component.LogicalId, component))
        {
            Components.Add(component);
        }
    }

    public Component? Find(string logicalId) => _byId.GetValueOrDefault(logicalId);

    /// <summary>The components of one kind, in declaration order. Kept per kind (rebuilt when components were added
    /// since), so a rule that asks for each function the alarms or log groups does not scan every component each time.</summary>
    public IReadOnlyList<T> OfType<T>() where T : Component
    {
        lock (_gate)
        {
            if (_byTypeCount != Components.Count)
            {
                _byType?.Clear();
                _derived.Clear();
                _byTypeCount = Components.Count;
            }

            _byType ??= new(32);
            if (!_byType.TryGetValue(typeof(T), out var list))
            {
                list = Collect<T>(Components);
                _byType[typeof(T)] = list;
            }

            return (IReadOnlyList<T>)list;
        }
    }

    /// <summary>The components of type <typeparamref name="T"/> as an exact-size array; a kind the template lacks
    /// shares the empty array (every rule asks for its kinds in every template, most of them absent).</summary>
    private static T[] Collect<T>(List<Component> components) where T : Component
    {
        var count = 0;
        foreach (var c in components)
        {
            if (c is T)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var result = new T[count];
        var i = 0;
        foreach (var c in components)
        {
            if (c is T t)
            {
                result[i++] = t;
            }
        }

        return result;
    }

    /// <summary>
    /// An index derived from the finished model, built once per <paramref name="key"/> and shared by the rules that query
    /// it (which alarms watch a component, which log group belongs to a function), so per-component questions stay
    /// constant time instead of a scan of the whole model each. Rebuilt when components were added since.
    /// </summary>
    public T Derived<T>(object key, Func<Architecture, T> build) where T : class
    {
        ArgumentNullException.ThrowIfNull(build);
        lock (_gate)
        {
            if (_byTypeCount != Components.Count)
            {
                _byType?.Clear();
                _derived.Clear();
                _byTypeCount = Components.Count;
            }

            if (_derived.TryGetValue(key, out var value))
            {
                return (T)value;
            }
        }

        var built = build(this);
        lock (_gate)
        {
            return (T)(_derived.TryAdd(key, built) ? built : _derived[key]);
        }
    }

    private readonly Lock _gate = new();
    // Made at the first question, sized for the kinds the rules ask of every template (about 30): no growing while they ask.
    private Dictionary<Type, object>? _byType;
    private readonly Dictionary<object, object> _derived = new(ReferenceEqualityComparer.Instance);
    private int _byTypeCount = -1;

    public IEnumerable<Flow> FlowsFrom(Component component) => Index().From[component];

    public IEnumerable<Flow> FlowsTo(Component component) => Index().To[component];

    public IEnumerable<Grant> GrantsOf(Component principal) => Index().Grants[principal];

    private FlowIndex? _index;

    // Built on first query and rebuilt when flows or grants were added since, so lookups stay linear overall.
    private FlowIndex Index()
    {
        if (_index is { } index && index.FlowCount == Flows.Count && index.GrantCount == Grants.Count)
        {
            return index;
        }

        _index = new FlowIndex(
            Flows.Count,
            Grants.Count,
            Flows.ToLookup(f => f.From, ReferenceEqualityComparer.Instance),
            Flows.ToLookup(f => f.To, ReferenceEqualityComparer.Instance),
            Grants.ToLookup(g => g.Principal, ReferenceEqualityComparer.Instance));
        return _index;
    }

    private sealed record FlowIndex(int FlowCount, int GrantCount, ILookup<object?, Flow> From, ILookup<object?, Flow> To, ILookup<object?, Grant> Grants);
}

/// <summary>A literal ARN in the template that names a resource the template does not declare.</summary>
public sealed record ExternalReference(string Arn, string Service, string? Region, Component From, SourceSpan Span);
