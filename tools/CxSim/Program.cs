// Placeholder entry point while this project is being built (see the open issues).
Console.Error.WriteLine("This tool is not built yet.");
return 1;
