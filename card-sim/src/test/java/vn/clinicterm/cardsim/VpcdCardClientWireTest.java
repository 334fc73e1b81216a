package vn.clinicterm.cardsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The vpcd protocol against a stand-in for pcscd, so framing and reconnection are checked without pcscd. */
class VpcdCardClientWireTest {

    private final FakeEchoCard card = new FakeEchoCard();
    private VpcdCardClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
    }

    /** Plays pcscd's side of one connection. */
    private static final class FakeReader implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        final DataOutputStream out;

        FakeReader(ServerSocket server) throws IOException {
            server.setSoTimeout(10_000);
            socket = server.accept();
            socket.setSoTimeout(10_000);
            in = new DataInputStream(socket.getInputStream());
            out = new DataOutputStream(socket.getOutputStream());
        }

        void send(byte... message) throws IOException {
            out.writeShort(message.length);
            out.write(message);
            out.flush();
        }

        byte[] receive() throws IOException {
            byte[] message = new byte[in.readUnsignedShort()];
            in.readFully(message);
            return message;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static ServerSocket loopbackServer(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }

    @Test
    void controlCodesReachTheCardAndOnlyTheAtrRequestIsAnswered() throws Exception {
        try (ServerSocket server = loopbackServer(0)) {
            client = VpcdCardClient.builder().port(server.getLocalPort()).card(card).build().start();
            try (FakeReader reader = new FakeReader(server)) {
                reader.send((byte) 0x01);
                reader.send((byte) 0x04);
                assertThat(reader.receive()).containsExactly(FakeEchoCard.ATR);
                assertThat(client.awaitConnected(Duration.ofSeconds(5))).isTrue();
                reader.send((byte) 0x02);
                reader.send((byte) 0x00);
                reader.send((byte) 0x00, (byte) 0x2A, (byte) 0x00, (byte) 0x00, (byte) 0x01, (byte) 0x42);

                assertThat(reader.receive()).containsExactly(0x42, 0x90, 0x00);
                assertThat(card.powerOns.get()).isEqualTo(2);
                assertThat(card.powerOffs.get()).isEqualTo(2);
            }
        }
    }

    @Test
    void theClientWaitsForVpcdToListenAndReconnectsAfterTheConnectionDrops() throws Exception {
        int port;
        try (ServerSocket probe = loopbackServer(0)) {
            port = probe.getLocalPort();
        }
        client = VpcdCardClient.builder()
                .port(port)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .card(card)
                .build()
                .start();
        Thread.sleep(300);
        assertThat(client.state()).isEqualTo(VpcdCardClient.State.CONNECTING);

        try (ServerSocket server = loopbackServer(port)) {
            try (FakeReader first = new FakeReader(server)) {
                first.send((byte) 0x04);
                assertThat(first.receive()).containsExactly(FakeEchoCard.ATR);
                assertThat(client.awaitConnected(Duration.ofSeconds(5))).isTrue();
            }
            try (FakeReader second = new FakeReader(server)) {
                second.send((byte) 0x00, (byte) 0x2A, (byte) 0x00, (byte) 0x00, (byte) 0x01, (byte) 0x07);
                assertThat(second.receive()).containsExactly(0x07, 0x90, 0x00);
            }
        }
    }

    @Test
    void aTornCardClosesTheConnectionWithoutAnAnswer() throws Exception {
        try (ServerSocket server = loopbackServer(0)) {
            client = VpcdCardClient.builder().port(server.getLocalPort()).card(card).build().start();
            try (FakeReader reader = new FakeReader(server)) {
                reader.send((byte) 0x00, (byte) FakeEchoCard.INS_TEAR, (byte) 0x00, (byte) 0x00);

                assertThat(reader.in.read()).as("end of stream").isEqualTo(-1);
            }
            Thread.sleep(200);
            assertThat(client.state()).isEqualTo(VpcdCardClient.State.NO_CARD);
        }
    }
}
