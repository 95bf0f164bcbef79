using GovReport.Services.Hosting;

// dotnet run --project server [-- --urls http://127.0.0.1:5080] [--data-dir DIR] [--enable-test-services]
var app = GovReportHost.Build(args);
await app.RunAsync();
