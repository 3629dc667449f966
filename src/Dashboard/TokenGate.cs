using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MiniDask.Dashboard;

/// <summary>
/// Lets a request through when it carries the cluster's token: as <c>?token=</c> (which also sets a
/// cookie, so the links of the pages work), as that cookie, or as an <c>Authorization: Bearer</c> or
/// <c>X-MiniDask-Token</c> header. Everything else is answered 401 with how to get in.
/// </summary>
internal sealed class TokenGate(string token)
{
    /// <summary>The cookie that remembers the token.</summary>
    public const string CookieName = "minidask-token";

    private readonly byte[] expected = Encoding.UTF8.GetBytes(token);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        string? query = request.Query["token"];
        if (Matches(query))
        {
            context.Response.Cookies.Append(CookieName, query!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            await next(context).ConfigureAwait(false);
            return;
        }

        string? header = request.Headers.Authorization;
        var bearer = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..] : null;
        if (Matches(request.Cookies[CookieName]) || Matches(bearer) || Matches(request.Headers["X-MiniDask-Token"]))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            "This MiniDask dashboard needs the cluster's token: open the link the scheduler printed (it ends in ?token=...), "
            + "or send the token in an 'Authorization: Bearer' or 'X-MiniDask-Token' header.\n").ConfigureAwait(false);
    }

    private bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), expected);
}
