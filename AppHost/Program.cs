Console.WriteLine("AppHost: the orchestrator is not built yet.");
