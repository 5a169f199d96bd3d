package cutoff.testing.localstack;

import java.net.URI;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack through Testcontainers, one container per test JVM serving DynamoDB and SES (v1 and v2),
 * for {@code ./cutoff test --localstack}. LocalDynamo and LocalSes reach it by reflection when
 * {@code cutoff.stack=localstack}, so the default build neither compiles nor downloads any of this.
 *
 * <p>The image is pinned ({@value #DEFAULT_IMAGE}; {@code -Dcutoff.localstack.image=...} to change it).
 * LocalStack's open-source repository was archived in March 2026 and its current images need an account's auth
 * token: {@code LOCALSTACK_AUTH_TOKEN} from this JVM's environment ({@code ./cutoff test --localstack} passes its
 * own on) is handed to the container when set; never logged.
 */
public final class LocalStackStack {
    static final String DEFAULT_IMAGE = "localstack/localstack:4.4.0";
    /** The environment variable LocalStack's images read their account's auth token from. */
    static final String AUTH_TOKEN = "LOCALSTACK_AUTH_TOKEN";
    private static LocalStackContainer container;

    private LocalStackStack() {
    }

    /** LocalStack's single edge endpoint (every service), starting the container the first time. */
    public static synchronized String endpoint() {
        if (container == null) {
            DockerCheck.require();
            String image = System.getProperty("cutoff.localstack.image", DEFAULT_IMAGE);
            LocalStackContainer c = new LocalStackContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
                    .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SES);
            String token = System.getenv(AUTH_TOKEN);
            if (token != null && !token.isBlank()) {
                c.withEnv(AUTH_TOKEN, token);
            }
            c.start();
            Runtime.getRuntime().addShutdownHook(new Thread(c::stop));
            container = c;
        }
        URI endpoint = container.getEndpoint();
        return endpoint.toString().replaceAll("/$", "");
    }
}
