namespace GovReport.Domain.Identity;

/// <summary>The access policy refused an action; <see cref="Exception.Message"/> is the Chinese reason.</summary>
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException(AccessAction action, string reason)
        : base(reason)
    {
        Action = action;
    }

    public AccessAction Action { get; }

    /// <summary>Evaluates the policy and throws when it denies.</summary>
    public static void ThrowIfDenied(Actor actor, AccessAction action, Agencies.AgencyPath? target)
    {
        var decision = AccessPolicy.Evaluate(actor, action, target);
        if (!decision.Allowed)
        {
            throw new AccessDeniedException(action, decision.Reason);
        }
    }
}
