using GovReport.StorageBench.Internal;

// dotnet <artifacts>/bin/GovReport.StorageBench/release/GovReport.StorageBench.dll [--clients 32] [--seconds 10]
//   [--warmup 10] [--reports 10000] [--data-dir DIR] [--server-dll PATH] [--updates-only] [--reads-only]
return await StorageBench.RunAsync(args);
