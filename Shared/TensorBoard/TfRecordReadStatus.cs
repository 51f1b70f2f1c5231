namespace TensorBoard;

/// <summary>What <see cref="TfRecordReader.Read"/> found.</summary>
public enum TfRecordReadStatus
{
    /// <summary>A complete record with valid CRCs; its data is in <see cref="TfRecordReader.Data"/>.</summary>
    Record,

    /// <summary>
    /// No complete record follows: the end of the data, or a record still being written.
    /// Resume from <see cref="TfRecordReader.CompleteOffset"/> once there is more.
    /// </summary>
    End,

    /// <summary>
    /// The length's CRC matched but the data's did not: exactly that record was skipped and reading goes on
    /// after it.
    /// </summary>
    DataCorrupt,

    /// <summary>
    /// The length's CRC did not match, so the record's extent is unknown: the reader is scanning for the next
    /// header whose length CRC matches. Reported once per corrupt region.
    /// </summary>
    LengthCorrupt,
}
