namespace ThiDua.Workflows.Definitions;

/// <summary>Outcome names used by the built-in activities. Approval outcomes are free text in a definition, these are the usual ones.</summary>
public static class Outcomes
{
    public const string Done = "Done";
    public const string Approve = "Approve";
    public const string Accept = "Accept";
    public const string Return = "Return";
    public const string Reject = "Reject";
    public const string Resubmit = "Resubmit";
    public const string Withdraw = "Withdraw";
    public const string Passed = "Passed";
    public const string Failed = "Failed";
    public const string Fired = "Fired";
    public const string Default = "Default";
}
