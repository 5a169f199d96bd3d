package cutoff.testing;

import cutoff.app.Config;

/**
 * The S3 stand-in ({@link S3StandIn}: s3rver behind a Signature Version 4 check), started once per test JVM on a free
 * loopback port with the bucket {@value #BUCKET}, closed with the JVM.
 */
public final class LocalS3 {
    public static final String BUCKET = "cutoff-uploads";
    private static S3StandIn standIn;

    private LocalS3() {
    }

    /** The running stand-in (started on first use). */
    public static synchronized S3StandIn standIn() {
        if (standIn == null) {
            standIn = S3StandIn.start(S3StandIn.defaultFolder(), 0, BUCKET, null, message -> { });
            Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
        }
        return standIn;
    }

    /** The upload function's bucket settings against the stand-in. */
    public static Config.Uploads uploads() {
        return new Config.Uploads(BUCKET, "us-east-1", standIn().endpoint());
    }
}
