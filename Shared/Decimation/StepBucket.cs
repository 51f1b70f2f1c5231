using System.Runtime.CompilerServices;

namespace Decimation;

/// <summary>
/// The O(1) aggregates of one step bucket of a <see cref="SeriesDecimator"/>: enough for LTTB's average and
/// candidates and for the envelope, without the raw points. 88 bytes, so a full series of 2000 buckets holds
/// about 176 KB here whatever the number of raw points.
/// </summary>
internal struct StepBucket
{
    /// <summary>The bucket covers steps [Key × width, (Key + 1) × width).</summary>
    public long Key;

    public long FiniteCount;

    /// <summary>Saturates at <see cref="int.MaxValue"/>.</summary>
    public int NonFiniteCount;

    /// <summary>Σ (step − bucket start) over the finite points: small numbers keep the average step exact.</summary>
    public double SumOffset;

    public double SumValue;

    /// <summary>The finite point with the smallest value (the earliest step on a tie). While the bucket has no
    /// finite point: its first non-finite point, which is what the bucket then shows.</summary>
    public SamplePoint Min;

    /// <summary>The finite point with the largest value (the earliest step on a tie); like <see cref="Min"/> while
    /// there is no finite point.</summary>
    public SamplePoint Max;

    public readonly bool HasFinite => FiniteCount != 0;

    public readonly double AverageValue => SumValue / FiniteCount;

    public static StepBucket Create(long key, long start, long step, long timeMs, double value)
    {
        var bucket = new StepBucket { Key = key };
        bucket.Include(start, step, timeMs, value);
        return bucket;
    }

    public readonly double AverageStep(int shift) => (double)(Key << shift) + SumOffset / FiniteCount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Include(long start, long step, long timeMs, double value)
    {
        if (double.IsFinite(value))
        {
            if (FiniteCount == 0)
            {
                Min = Max = new SamplePoint(step, timeMs, value);
            }
            else
            {
                if (value < Min.Value || (value == Min.Value && step < Min.Step))
                {
                    Min = new SamplePoint(step, timeMs, value);
                }

                if (value > Max.Value || (value == Max.Value && step < Max.Step))
                {
                    Max = new SamplePoint(step, timeMs, value);
                }
            }

            FiniteCount++;
            SumOffset += step - start;
            SumValue += value;
        }
        else
        {
            IncludeNonFinite(step, timeMs, value);
        }
    }

    /// <summary>Takes in the aggregates of the next bucket, <paramref name="offset"/> steps after this one's start.</summary>
    public void Absorb(in StepBucket later, long offset)
    {
        if (later.FiniteCount != 0)
        {
            if (FiniteCount == 0)
            {
                Min = later.Min;
                Max = later.Max;
            }
            else
            {
                // Ties go to this bucket: its steps are the earlier ones.
                if (later.Min.Value < Min.Value)
                {
                    Min = later.Min;
                }

                if (later.Max.Value > Max.Value)
                {
                    Max = later.Max;
                }
            }
        }

        FiniteCount += later.FiniteCount;
        SumOffset += later.SumOffset + (double)later.FiniteCount * offset;
        SumValue += later.SumValue;
        NonFiniteCount = SaturatingAdd(NonFiniteCount, later.NonFiniteCount);
    }

    /// <summary>Moves the bucket to a wider grid: <paramref name="offset"/> is its old start minus the new start.</summary>
    public void Rebase(long key, long offset)
    {
        Key = key;
        SumOffset += (double)FiniteCount * offset;
    }

    private void IncludeNonFinite(long step, long timeMs, double value)
    {
        if (FiniteCount == 0 && (NonFiniteCount == 0 || step < Min.Step))
        {
            Min = Max = new SamplePoint(step, timeMs, value);
        }

        NonFiniteCount = SaturatingAdd(NonFiniteCount, 1);
    }

    private static int SaturatingAdd(int a, int b) => (int)Math.Min((long)a + b, int.MaxValue);
}
