package org.naturaflux.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a real S3 endpoint that answers the first requests of one kind (listings, or
 * multi-object deletes) with an answer of the test's choosing and forwards everything else byte for
 * byte, Host header included, so signatures made for the proxy's address still hold. Each forwarded
 * request gets {@code Connection: close} (a header the signature does not cover): every request comes
 * on a new connection and is looked at.
 */
final class FaultInjectingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final String bucketPath;
    private final Kind kind;
    private final int status;
    private final String body;
    private final AtomicInteger faultsLeft;
    private final AtomicInteger seen = new AtomicInteger();

    /** The requests a proxy answers itself. */
    enum Kind {
        /** ListObjects: a GET on the bucket itself. */
        LISTING,
        /** DeleteObjects: a POST on the bucket with {@code ?delete}. */
        MULTI_DELETE
    }

    /**
     * A proxy that fails the first requests of a kind with an S3 error.
     *
     * @param upstream  the real endpoint ({@code http://host:port})
     * @param bucket    the bucket whose requests are answered
     * @param faults    how many requests to answer
     * @param status    the HTTP status of the answers
     * @param errorCode their S3 error code
     */
    static FaultInjectingProxy failing(String upstream, String bucket, Kind kind, int faults, int status, String errorCode) {
        return new FaultInjectingProxy(upstream, bucket, kind, faults, status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Error><Code>" + errorCode + "</Code><Message>injected by the test</Message><Resource>/" + bucket
                + "</Resource><RequestId>test</RequestId></Error>");
    }

    /**
     * A proxy that answers the first multi-object deletes with 200 and a result reporting this error for
     * this key (as a store that reports missing keys does).
     */
    static FaultInjectingProxy deleteErrors(String upstream, String bucket, String key, String errorCode) {
        return new FaultInjectingProxy(upstream, bucket, Kind.MULTI_DELETE, Integer.MAX_VALUE, 200,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<Error><Key>" + key + "</Key><Code>" + errorCode + "</Code><Message>injected by the test</Message>"
                        + "</Error></DeleteResult>");
    }

    private FaultInjectingProxy(String upstream, String bucket, Kind kind, int faults, int status, String body) {
        URI uri = URI.create(upstream);
        this.upstreamHost = uri.getHost();
        this.upstreamPort = uri.getPort();
        this.bucketPath = "/" + bucket;
        this.kind = kind;
        this.status = status;
        this.body = body;
        this.faultsLeft = new AtomicInteger(faults);
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "fault-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The proxy's endpoint. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** How many requests of the proxy's kind reached it, answered or forwarded. */
    int seen() {
        return seen.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> handle(client), "fault-proxy-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            String target = requestLine[1];
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
            boolean onBucket = path.equals(bucketPath) || path.equals(bucketPath + "/");
            boolean matches = onBucket && switch (kind) {
                case LISTING -> requestLine[0].equals("GET");
                case MULTI_DELETE -> requestLine[0].equals("POST") && ("&" + query + "&").matches(".*&delete(=[^&]*)?&.*");
            };
            if (matches) {
                seen.incrementAndGet();
                if (faultsLeft.getAndDecrement() > 0) {
                    in.readNBytes(contentLength(head));
                    answer(client.getOutputStream());
                    return;
                }
            }
            forward(client, in, head);
        } catch (IOException e) {
            // The client gave up; nothing to answer.
        }
    }

    private void answer(OutputStream out) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " Injected\r\nContent-Type: application/xml\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    private void forward(Socket client, InputStream in, String head) throws IOException {
        try (Socket upstream = new Socket(upstreamHost, upstreamPort)) {
            StringBuilder rewritten = new StringBuilder();
            for (String line : head.split("\r\n")) {
                if (!line.toLowerCase().startsWith("connection:")) {
                    rewritten.append(line).append("\r\n");
                }
            }
            rewritten.append("Connection: close\r\n\r\n");
            upstream.getOutputStream().write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
            upstream.getOutputStream().flush();
            Thread body = new Thread(() -> {
                try {
                    in.transferTo(upstream.getOutputStream());
                } catch (IOException e) {
                    // Closed once the answer is through.
                }
            }, "fault-proxy-body");
            body.setDaemon(true);
            body.start();
            upstream.getInputStream().transferTo(client.getOutputStream());
            client.getOutputStream().flush();
        }
    }

    /** The request line and headers, up to the blank line (empty when the connection closed first). */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return matched == 4 ? text.substring(0, text.length() - 4) : "";
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
