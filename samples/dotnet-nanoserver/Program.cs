var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "Hello from a Windows container built on Linux");
app.Run();
