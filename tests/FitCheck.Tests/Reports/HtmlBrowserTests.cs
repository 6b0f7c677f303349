using FitCheck.Assessing;
using FitCheck.Reports.Graph;
using FitCheck.Reports.Html;
using FitCheck.Rules;
using FitCheck.Templates.Scanning;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit.Abstractions;

namespace FitCheck.Tests.Reports;

/// <summary>A fact that runs only where Debian's chromium and chromium-driver are installed (CI installs them in .ci/run).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
        {
            Skip = $"Skipped: headless Chromium is not installed ({Browser} and {Driver}); install Debian's chromium and chromium-driver packages to run the HTML report's browser test.";
        }
    }
}

/// <summary>Opens the HTML report in headless Chromium: the sections and the diagram are there, and nothing from a hostile
/// template ran. Screenshots are kept in the test output folder (TestResults/screenshots).</summary>
public sealed class HtmlBrowserTests(ITestOutputHelper output)
{
    [ChromiumFact]
    public void Example_RendersSectionsAndDiagram() => Open(ReportInputs.Example(), "orders-pipeline", hostile: false);

    [ChromiumFact]
    public void HostileTemplate_RunsNoScriptAndKeepsItsStructure() => Open(ReportInputs.Hostile(), "hostile", hostile: true);

    /// <summary>The serverless-patterns template with the most drawn components: its diagram fits the page or scrolls inside
    /// its own frame (the page never scrolls sideways), every component is drawn with its full name in a tooltip.</summary>
    [ChromiumFact]
    public void LargestCorpusTemplate_DiagramFitsThePage_AndNamesEveryComponent()
    {
        if (RepoPaths.Corpus is not { } corpus)
        {
            output.WriteLine("NOT RUN: the corpus folder ../shared/corpus next to the repository root was not found.");
            return;
        }

        var scan = Scanner.Scan([Path.Combine(corpus, "serverless-patterns")], corpus);
        var largest = scan.Architectures
            .OrderByDescending(a => MermaidWriter.DrawnComponents(a).Count)
            .ThenBy(a => a.Template.Path, StringComparer.Ordinal)
            .First();
        var drawn = MermaidWriter.DrawnComponents(largest);
        output.WriteLine($"largest template: {largest.Template.Path}, {drawn.Count} drawn components");
        Assert.True(drawn.Count >= 15, "the largest corpus template draws at least 15 components");
        Open(Assessor.Assess([largest], [], new AssessmentOptions()), "largest-corpus-template", hostile: false, failureEdges: false,
            extra: driver =>
            {
                var titles = driver.FindElements(By.CssSelector("#architecture svg.diagram g.node title")).Select(t => t.GetAttribute("textContent")).ToList();
                Assert.All(drawn, c => Assert.Contains(titles, t => t!.Contains(c.LogicalId, StringComparison.Ordinal)));
            });
    }

    private void Screenshot(ChromeDriver driver, string name)
    {
        var shots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(shots);
        var shot = Path.Combine(shots, $"html-report-{name}.png");
        driver.GetScreenshot().SaveAsFile(shot);
        output.WriteLine($"screenshot: {shot}");
    }

    private void Open(Assessment assessment, string name, bool hostile, bool failureEdges = true, Action<ChromeDriver>? extra = null)
    {
        var folder = Directory.CreateTempSubdirectory("fitcheck-browser-");
        try
        {
            var page = Path.Combine(folder.FullName, name + ".html");
            File.WriteAllText(page, AssessmentHtmlWriter.Write(assessment));

            var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromiumFactAttribute.Driver)!, Path.GetFileName(ChromiumFactAttribute.Driver));
            service.SuppressInitialDiagnosticInformation = true;
            service.HideCommandPromptWindow = true;
            var options = new ChromeOptions { BinaryLocation = ChromiumFactAttribute.Browser };
            options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + Path.Combine(folder.FullName, "profile"), "--window-size=1280,1600");

            using var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
            driver.Navigate().GoToUrl(new Uri(page).AbsoluteUri);
            var js = driver;

            // Nothing ran: no payload set its marker or the title, and the page holds no script or handler at all.
            Assert.Equal("fitcheck design review", driver.Title);
            Assert.True((bool)js.ExecuteScript("return typeof window.__pwned === 'undefined';")!, "a payload from the template ran");
            Assert.Empty(driver.FindElements(By.TagName("script")));
            Assert.Equal(0L, js.ExecuteScript("return [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length;"));
            Assert.Equal(0L, js.ExecuteScript("return [...document.querySelectorAll('[href],[src],[xlink\\\\:href]')].filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || '')).length;"));
            Assert.Empty(driver.FindElements(By.CssSelector("img, iframe, object, embed, form, input, style ~ style")));

            // The structure survived: the verdict, every section, and one diagram per template with every drawn component.
            Assert.True(driver.FindElement(By.Id("verdict")).Displayed);
            var sections = driver.FindElements(By.CssSelector("section.review[data-section]")).Select(s => s.GetAttribute("data-section")).ToList();
            Assert.Equal(SectionNames.All.Select(s => s.Id()).Order(), sections.Order());
            var diagrams = driver.FindElements(By.CssSelector("#architecture svg.diagram"));
            Assert.Equal(assessment.Architectures.Count, diagrams.Count);
            Assert.Equal(MermaidWriter.DrawnComponents(assessment.Architectures[0]).Count, diagrams[0].FindElements(By.CssSelector("g.node")).Count);
            if (failureEdges)
            {
                Assert.NotEmpty(diagrams[0].FindElements(By.CssSelector("path.edge.failure")));
            }

            Assert.True(diagrams[0].Size.Width > 100 && diagrams[0].Size.Height > 40, "the diagram is drawn at a visible size");
            // A wide diagram scrolls inside its frame; the page itself never scrolls sideways.
            Assert.True((bool)js.ExecuteScript("return document.documentElement.scrollWidth <= window.innerWidth;")!, "the page scrolls sideways");
            extra?.Invoke(driver);
            Assert.Equal(assessment.Active.Count(), driver.FindElements(By.CssSelector("section.review tr.finding")).Count);

            if (assessment.Profile is not null)
            {
                // The design analyses are drawn: the fit verdict, a row per failure hop (silent drops highlighted), the retry
                // multiplications, the cost table with its total, and the Fargate comparison.
                foreach (var id in new[] { "workload-fit", "failure-paths", "retry-amplification", "cost-estimate", "alternatives" })
                {
                    Assert.True(driver.FindElement(By.Id(id)).Displayed, id + " is displayed");
                }

                Assert.Equal(assessment.Fit!.VerdictName, driver.FindElement(By.CssSelector("#workload-fit h2 .fit")).Text);
                Assert.Equal(assessment.FailurePaths!.Sum(f => f.Hops.Count), driver.FindElements(By.CssSelector("#failure-paths tr.hop")).Count);
                var drops = driver.FindElements(By.CssSelector("#failure-paths tr.hop.drops"));
                Assert.Equal(assessment.FailurePaths!.Sum(f => f.SilentDrops.Count()), drops.Count);
                foreach (var row in drops)
                {
                    Assert.Equal("rgba(253, 236, 234, 1)", row.FindElement(By.TagName("td")).GetCssValue("background-color"));
                }

                Assert.Equal(assessment.Cost!.Items.Count, driver.FindElements(By.CssSelector("#cost-estimate table.cost tbody tr")).Count);
                Assert.Contains(FitCheck.Analysis.Cost.CostMath.Money(assessment.Cost.MonthlyTotal), driver.FindElement(By.CssSelector("#cost-estimate table.cost tfoot")).Text, StringComparison.Ordinal);
                Assert.Equal(assessment.Alternatives!.Comparisons.Count, driver.FindElements(By.CssSelector("#alternatives table.alternatives tbody tr")).Count);
                foreach (var id in new[] { "workload-fit", "failure-paths", "cost-estimate", "alternatives" })
                {
                    js.ExecuteScript($"document.getElementById('{id}').scrollIntoView();");
                    Screenshot(driver, $"{name}-{id}");
                }

                js.ExecuteScript("window.scrollTo(0, 0);");
            }
            else
            {
                Assert.True(driver.FindElement(By.Id("no-profile")).Displayed);
            }

            if (hostile)
            {
                var text = driver.FindElement(By.TagName("body")).Text;
                Assert.Contains("<script>window.__pwned='bucket'</script>", text, StringComparison.Ordinal);
                Assert.Contains("</code></figcaption></svg></figure><script>", text, StringComparison.Ordinal);
                Assert.Contains("<b onmouseover=\"window.__pwned='reason'\">replayed</b>", text, StringComparison.Ordinal);
                Assert.Equal("visible", js.ExecuteScript("return getComputedStyle(document.body).visibility;"));
                Assert.Equal("block", js.ExecuteScript("return getComputedStyle(document.body).display;"));
            }

            Screenshot(driver, name);
            driver.Quit();
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold its profile for a moment; the temp folder is cleaned by the system.
            }
        }
    }
}
