Console.WriteLine("govreport: not yet wired.");
