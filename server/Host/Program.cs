Console.WriteLine("GovReport server: not yet wired.");
