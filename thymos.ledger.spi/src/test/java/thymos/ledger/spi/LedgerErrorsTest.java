package thymos.ledger.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.crypto.Hash32;

/** The SPI's typed errors (L5.6): stable codes, structured accessors, serializable. */
class LedgerErrorsTest {

  private static final Hash32 T = Rows.traj(1);

  @SuppressWarnings("unchecked")
  private static <E> E roundTrip(E e) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(out)) {
      o.writeObject(e);
    }
    byte[] bytes = out.toByteArray();
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (E) in.readObject();
    }
  }

  @Test
  @DisplayName("L5.1: AppendConflict names position and head, and survives serialization")
  void required_L5_1_appendConflictCarriesTheActualHead() throws Exception {
    Head head = new Head(14, Rows.id(T, 14, 0));
    AppendConflict c = roundTrip(new AppendConflict(T, 12, Optional.of(head)));
    assertEquals("THY-L501", c.code());
    assertEquals(T, c.trajectoryId());
    assertEquals(12, c.seq());
    assertEquals(Optional.of(head), c.actualHead());
    assertTrue(c.getMessage().startsWith("[THY-L501] append conflict on traj:" + T.hex()
        + " seq 12: head is seq 14"), c.getMessage());
    assertEquals(Optional.empty(), roundTrip(new AppendConflict(T, 3, Optional.empty()))
        .actualHead());
  }

  @Test
  @DisplayName("L2.1: DuplicateEntryId names both positions")
  void required_L2_1_duplicateEntryIdNamesBothPositions() throws Exception {
    Position there = new Position(T, 2);
    DuplicateEntryId d = roundTrip(new DuplicateEntryId(Rows.id(T, 2, 0), there,
        new Position(Rows.traj(2), 0)));
    assertEquals("THY-L201", d.code());
    assertEquals(Rows.id(T, 2, 0), d.entryId());
    assertEquals(there, d.existing());
    assertTrue(d.getMessage().contains("seq 2; refused at traj:" + Rows.traj(2).hex() + " seq 0"),
        d.getMessage());
  }
}
