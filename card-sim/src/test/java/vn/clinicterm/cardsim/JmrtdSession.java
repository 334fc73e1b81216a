package vn.clinicterm.cardsim;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.smartcardio.CardTerminal;
import net.sf.scuba.smartcards.CardFileInputStream;
import net.sf.scuba.smartcards.CardService;
import net.sf.scuba.smartcards.CardServiceException;
import org.jmrtd.BACKey;
import org.jmrtd.PACEKeySpec;
import org.jmrtd.PassportService;
import org.jmrtd.lds.CardAccessFile;
import org.jmrtd.lds.PACEInfo;
import org.jmrtd.lds.SecurityInfo;

/** JMRTD's PassportService as an independent terminal: the other side of every chip test. */
final class JmrtdSession implements AutoCloseable {

    final CardService cardService;
    final PassportService service;

    private JmrtdSession(CardService cardService, PassportService service) {
        this.cardService = cardService;
        this.service = service;
    }

    static JmrtdSession open(CardTerminal terminal, int maxBlockSize, boolean sfi) throws CardServiceException {
        CardService cs = CardService.getInstance(terminal);
        cs.open();
        PassportService ps = new PassportService(cs, PassportService.NORMAL_MAX_TRANCEIVE_LENGTH, maxBlockSize, sfi,
                true);
        ps.open();
        return new JmrtdSession(cs, ps);
    }

    static JmrtdSession open(CardTerminal terminal) throws CardServiceException {
        return open(terminal, PassportService.DEFAULT_MAX_BLOCKSIZE, false);
    }

    byte[] readFile(short fid) throws CardServiceException, IOException {
        return readFile(fid, PassportService.DEFAULT_MAX_BLOCKSIZE);
    }

    byte[] readFile(short fid, int blockSize) throws CardServiceException, IOException {
        CardFileInputStream in = service.getInputStream(fid, blockSize);
        byte[] bytes = new byte[in.getLength()];
        new DataInputStream(in).readFully(bytes);
        return bytes;
    }

    CardAccessFile cardAccess() throws CardServiceException, IOException {
        try (InputStream in = service.getInputStream(PassportService.EF_CARD_ACCESS)) {
            return new CardAccessFile(in);
        }
    }

    /** PACE with the first PACEInfo of EF.CardAccess, then the applet selected under secure messaging. */
    void pace(PACEKeySpec key) throws CardServiceException, IOException {
        for (SecurityInfo info : cardAccess().getSecurityInfos()) {
            if (info instanceof PACEInfo pace) {
                service.doPACE(key, pace.getObjectIdentifier(), PACEInfo.toParameterSpec(pace.getParameterId()),
                        pace.getParameterId());
                service.sendSelectApplet(true);
                return;
            }
        }
        throw new AssertionError("EF.CardAccess offers no PACE");
    }

    void paceWithCan(String can) throws CardServiceException, IOException {
        pace(PACEKeySpec.createCANKey(can));
    }

    void bac(SimCitizen c) throws CardServiceException {
        service.sendSelectApplet(false);
        service.doBAC(bacKey(c));
    }

    static BACKey bacKey(SimCitizen c) {
        return new BACKey(c.documentNumber(), c.mrzDateOfBirth(), c.mrzDateOfExpiry());
    }


    @Override
    public void close() {
        service.close();
    }
}
