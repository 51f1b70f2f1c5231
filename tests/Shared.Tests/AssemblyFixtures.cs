using TestSupport.ClickHouse;

[assembly: AssemblyFixture(typeof(ClickHouseServerFixture))]
