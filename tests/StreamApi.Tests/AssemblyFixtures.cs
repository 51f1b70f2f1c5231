using TestSupport.ClickHouse;
using Xunit;

[assembly: AssemblyFixture(typeof(ClickHouseServerFixture))]
