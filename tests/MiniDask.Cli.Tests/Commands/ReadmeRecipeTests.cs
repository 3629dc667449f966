using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace MiniDask.Cli.Tests.Commands;

/// <summary>
/// README's Distributed section: the by-hand recipes (its first two bash blocks, plaintext and TLS)
/// run exactly as written, each line as a user would type it, in a network namespace of their own
/// where <c>sched.example</c> is the local host and port 8786 is free; the client program
/// (tests/Fixtures/ClientProgram) then computes on the cluster each made.
/// </summary>
public sealed partial class ReadmeRecipeTests
{
    private const string Runner = """
        set -u
        cd "$WORK"
        pids=()
        finish() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done; sleep 1; for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done; }
        trap finish EXIT
        # Each line of the recipe, as written: the long-running commands in the background (a user
        # runs them in terminals of their own, the worker on two machines), the others in this shell.
        while IFS= read -r line; do
          case "$line" in
            ''|'#'*) ;;
            'minidask scheduler'*) eval "exec $line" > scheduler.log 2>&1 & pids+=($!) ;;
            'minidask worker'*) for w in 1 2; do eval "exec $line" > "worker$w.log" 2>&1 & pids+=($!); done ;;
            *) eval "$line" ;;
          esac
        done < recipe.sh
        for _ in $(seq 600); do [ "$(cat worker*.log 2>/dev/null | grep -c '^worker ')" = 2 ] && break; sleep 0.2; done
        grep -h '^worker \|^scheduler \|error' scheduler.log worker*.log
        # A worker that has not announced itself: its whole log, to say why.
        for log in worker*.log; do grep -q '^worker ' "$log" || { echo "--- $log"; cat "$log"; }; done
        dotnet "$CLIENT" "$SCHEDULER" $CLIENT_TLS
        echo "client exit $?"
        """;

    private static string ClientProgram => typeof(ReadmeRecipeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ClientProgram").Value!;

    [NetworkNamespaceFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task DistributedRecipe_AsWrittenInTheReadme_MakesAClusterTheClientProgramComputesOn()
    {
        var recipe = Recipes(await ReadmeAsync())[0];
        Assert.Contains("minidask scheduler --host 0.0.0.0 --port 8786", recipe);
        Assert.Contains("minidask worker tcp://sched.example:8786", recipe);

        var output = await RunInNamespaceAsync(recipe, "tcp://sched.example:8786", tls: false);

        Assert.Matches(@"scheduler at tcp://0\.0\.0\.0:8786 \(token required\)", output);
        AssertClientProgramPassed(output, "tcp");
    }

    [NetworkNamespaceFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task TlsRecipe_AsWrittenInTheReadme_MakesAClusterTheClientProgramComputesOn()
    {
        var recipe = Recipes(await ReadmeAsync())[1];
        Assert.Contains("--tls-cert sched.pem --tls-key sched.key --tls-ca ca.pem", recipe);

        var output = await RunInNamespaceAsync(recipe, "tls://sched.example:8786", tls: true);

        Assert.Matches(@"scheduler at tls://0\.0\.0\.0:8786", output);
        AssertClientProgramPassed(output, "tls");
    }

    private static void AssertClientProgramPassed(string output, string scheme)
    {
        var workers = Regex.Matches(output, $@"^worker {scheme}://127\.0\.0\.1:\d+ at {scheme}://127\.0\.0\.1:\d+, scheduler {scheme}://sched\.example:8786", RegexOptions.Multiline).Count;
        Assert.True(workers == 2, $"{workers} of 2 workers announced themselves; the recipe printed:\n{output}");
        Assert.Contains("ok persist-then-sum", output);
        Assert.Contains("ok bag-of-records-groupby", output);
        Assert.Contains("ok map-lambda-over-records", output);
        Assert.DoesNotContain("FAIL", output);
        Assert.Contains("client exit 0", output);
    }

    /// <summary>Runs <paramref name="recipe"/> in a fresh network namespace and the client program against it; returns what they printed.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static async Task<string> RunInNamespaceAsync(string recipe, string scheduler, bool tls)
    {
        var work = Directory.CreateTempSubdirectory("minidask-readme-").FullName;
        var ns = $"mdreadme{Environment.ProcessId}{(tls ? "t" : "p")}";
        var hosts = $"/etc/netns/{ns}";
        try
        {
            await File.WriteAllTextAsync(Path.Combine(work, "recipe.sh"), recipe);
            await File.WriteAllTextAsync(Path.Combine(work, "runner.sh"), Runner);
            var shim = Directory.CreateDirectory(Path.Combine(work, "bin")).FullName;
            await File.WriteAllTextAsync(Path.Combine(shim, "minidask"), $"#!/bin/sh\nexec \"{CliProcesses.DotnetHost()}\" \"{CliProcesses.Minidask}\" \"$@\"\n");
            File.SetUnixFileMode(Path.Combine(shim, "minidask"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (tls)
            {
                WriteCertificates(work);
            }

            Directory.CreateDirectory(hosts);
            await File.WriteAllTextAsync(Path.Combine(hosts, "hosts"), "127.0.0.1 localhost sched.example\n");
            Assert.Equal(0, Run("ip", "netns", "add", ns).Exit);
            Assert.Equal(0, Run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up").Exit);

            var (exit, output) = Run("ip", [
                "netns", "exec", ns, "env", $"PATH={shim}:{Environment.GetEnvironmentVariable("PATH")}", $"WORK={work}", $"CLIENT={ClientProgram}",
                $"SCHEDULER={scheduler}", $"CLIENT_TLS={(tls ? $"{work}/client.pem {work}/client.key {work}/ca.pem" : "")}", "bash", Path.Combine(work, "runner.sh")]);

            Assert.True(exit == 0, output);
            return output;
        }
        finally
        {
            // Whatever still runs in the namespace is the recipe's: stopped before the namespace goes.
            foreach (var pid in Run("ip", "netns", "pids", ns).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Run("kill", "-9", pid);
            }

            Run("ip", "netns", "del", ns);
            Directory.Delete(hosts, recursive: true);
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The files the TLS recipe names (sched.pem, sched.key, w1.pem, w1.key, ca.pem) and a client's, from a throwaway CA.</summary>
    internal static void WriteCertificates(string folder)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=MiniDask README CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));
        File.WriteAllText(Path.Combine(folder, "ca.pem"), ca.ExportCertificatePem());
        byte serial = 1;
        foreach (var name in new[] { "sched", "w1", "client" })
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("sched.example");
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
            using var certificate = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), [serial++, 9]);
            File.WriteAllText(Path.Combine(folder, $"{name}.pem"), certificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(folder, $"{name}.key"), key.ExportPkcs8PrivateKeyPem());
        }
    }

    /// <summary>The repository's README.md, found above the test assembly.</summary>
    internal static async Task<string> ReadmeAsync()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MiniDask.sln")))
            {
                return await File.ReadAllTextAsync(Path.Combine(directory.FullName, "README.md"));
            }
        }

        throw new DirectoryNotFoundException($"No MiniDask.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The bash blocks of the README's Distributed section, in order.</summary>
    private static List<string> Recipes(string readme)
    {
        var section = readme[readme.IndexOf("## Distributed", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        return [.. BashBlock().Matches(section).Select(m => m.Groups[1].Value)];
    }

    private static (int Exit, string Output) Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
        }

        return (process.ExitCode, output + error.Result);
    }

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}

/// <summary>A test that needs root and iproute2, to give a cluster a network namespace of its own; skipped, saying which is missing, elsewhere.</summary>
public sealed class NetworkNamespaceFactAttribute : FactAttribute
{
    /// <summary>Skips unless this process is root and <c>ip</c> is installed.</summary>
    public NetworkNamespaceFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = "needs root on Linux to create a network namespace";
        }
        else if (!File.Exists("/usr/sbin/ip") && !File.Exists("/sbin/ip") && !File.Exists("/usr/bin/ip"))
        {
            Skip = "needs iproute2 (ip) to create a network namespace";
        }
    }
}
