using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;

// One running dashboard and one browser for every test: starting the stack takes most of the suite's time.
[assembly: AssemblyFixture(typeof(DashboardStack))]
[assembly: AssemblyFixture(typeof(ChromiumBrowser))]
