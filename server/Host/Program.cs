using GovReport.Server;
using GovReport.Services.Hosting;

// dotnet run --project server [-- --urls http://127.0.0.1:5080] [--data-dir DIR] [--enable-test-services]
// Storage set-up (schema created or upgraded, first admin) runs at start, before the server listens, in a
// short-lived child process: EF Core's model building and migrations then never occupy the server's memory
// (server/README.md, "Memory").
if (StorageSetUpProcess.IsChild(args, out var setUpArgs))
{
    return await StorageSetUpProcess.RunChildAsync(setUpArgs);
}

var exitCode = StorageSetUpProcess.Run(args);
if (exitCode != 0)
{
    return exitCode;
}

var app = GovReportHost.Build(args, setUpStorage: false);
await app.RunAsync();
return 0;
