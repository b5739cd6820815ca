package io.snapgpu.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SshKeysTest {

    @Test
    void ed25519PublicKeyLine() {
        KeyPair pair = SshKeys.generate();
        String line = SshKeys.publicKeyLine(pair.getPublic());
        assertTrue(line.matches("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/=]+ snapgpu"), line);
        assertTrue(KeyUtils.compareKeys(pair.getPublic(), SshKeys.parsePublicKeyLine(line)));
        assertTrue(SshKeys.fingerprint(pair.getPublic()).startsWith("SHA256:"));
        assertNotEquals(line, SshKeys.publicKeyLine(SshKeys.generate().getPublic()), "keys are fresh");
    }

    @ParameterizedTest
    @EnumSource(SshKeys.Type.class)
    void privateKeyRoundTripsThroughOpenSshFormat(SshKeys.Type type) throws Exception {
        KeyPair pair = SshKeys.generate(type);
        String pem = SshKeys.toOpenSshPrivateKey(pair);
        assertTrue(pem.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"), pem.lines().findFirst().orElse(""));
        assertTrue(pem.strip().endsWith("-----END OPENSSH PRIVATE KEY-----"));

        KeyPair back = SshKeys.parseOpenSshPrivateKey(pem);
        assertTrue(KeyUtils.compareKeys(pair.getPublic(), back.getPublic()));
        // the private half is the same key: what it signs, the original public key verifies
        byte[] data = "snapgpu".getBytes(StandardCharsets.UTF_8);
        NamedFactory<Signature> algorithm = type == SshKeys.Type.RSA ? BuiltinSignatures.rsaSHA512 : BuiltinSignatures.ed25519;
        Signature signer = algorithm.create();
        signer.initSigner(null, back.getPrivate());
        signer.update(null, data);
        byte[] signature = signer.sign(null);
        Signature verifier = algorithm.create();
        verifier.initVerifier(null, pair.getPublic());
        verifier.update(null, data);
        assertTrue(verifier.verify(null, signature));
        assertEquals(type == SshKeys.Type.RSA ? "ssh-rsa" : "ssh-ed25519",
                SshKeys.publicKeyLine(back.getPublic()).split(" ")[0]);
    }

    /** What we write is what OpenSSH reads: ssh-keygen derives the same public key line from it. */
    @ParameterizedTest
    @EnumSource(SshKeys.Type.class)
    void opensshReadsOurPrivateKey(SshKeys.Type type, @TempDir Path tmp) throws Exception {
        assumeTrue(new File("/usr/bin/ssh-keygen").canExecute(), "ssh-keygen not installed");
        KeyPair pair = SshKeys.generate(type);
        Path file = tmp.resolve("id");
        Files.writeString(file, SshKeys.toOpenSshPrivateKey(pair));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Process p = new ProcessBuilder("/usr/bin/ssh-keygen", "-y", "-f", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        assertEquals(SshKeys.publicKeyLine(pair.getPublic(), null), out.split(" ")[0] + " " + out.split(" ")[1]);
    }

    /** And what ssh-keygen writes, we read. */
    @Test
    void readsAKeyFromSshKeygen(@TempDir Path tmp) throws Exception {
        assumeTrue(new File("/usr/bin/ssh-keygen").canExecute(), "ssh-keygen not installed");
        Path file = tmp.resolve("id_ed25519");
        Process p = new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "x", "-f", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        KeyPair pair = SshKeys.parseOpenSshPrivateKey(Files.readString(file));
        String pub = Files.readString(tmp.resolve("id_ed25519.pub")).strip();
        assertEquals(pub.replace(" x", ""), SshKeys.publicKeyLine(pair.getPublic(), null));
    }

    /** The JDK-only reader of RSA keys (fast at start) reads ssh-keygen's key to the same numbers as sshd's parser. */
    @Test
    void rsaKeysReadTheSameThroughTheJdkAsThroughSshd(@TempDir Path tmp) throws Exception {
        assumeTrue(new File("/usr/bin/ssh-keygen").canExecute(), "ssh-keygen not installed");
        Path file = tmp.resolve("id_rsa");
        Process p = new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "x", "-f",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String pem = Files.readString(file);
        KeyPair jdk = OpenSshRsaKeys.read(pem).orElseThrow();
        KeyPair sshd = org.apache.sshd.common.config.keys.loader.openssh.OpenSSHKeyPairResourceParser.INSTANCE
                .loadKeyPairs(null, org.apache.sshd.common.NamedResource.ofName("t"), null, pem.strip().lines().toList())
                .iterator().next();
        assertTrue(KeyUtils.compareKeys(sshd.getPublic(), jdk.getPublic()));
        var a = (java.security.interfaces.RSAPrivateCrtKey) sshd.getPrivate();
        var b = (java.security.interfaces.RSAPrivateCrtKey) jdk.getPrivate();
        assertEquals(List.of(a.getModulus(), a.getPrivateExponent(), a.getPrimeP(), a.getPrimeQ(), a.getPrimeExponentP(),
                a.getPrimeExponentQ(), a.getCrtCoefficient()), List.of(b.getModulus(), b.getPrivateExponent(), b.getPrimeP(),
                b.getPrimeQ(), b.getPrimeExponentP(), b.getPrimeExponentQ(), b.getCrtCoefficient()));
        assertEquals(Files.readString(tmp.resolve("id_rsa.pub")).strip().replace(" x", ""),
                SshKeys.publicKeyLine(jdk.getPublic(), null));
        assertTrue(OpenSshRsaKeys.read(SshKeys.toOpenSshPrivateKey(SshKeys.generate())).isEmpty(), "Ed25519 is sshd's");
    }

    @Test
    void garbageIsRejectedWithoutQuotingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SshKeys.parseOpenSshPrivateKey("-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0Ynl0ZXM=\n-----END OPENSSH PRIVATE KEY-----"));
        assertFalse(e.getMessage().contains("c2VjcmV0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SshKeys.parsePublicKeyLine("ssh-ed25519 not-base64!"));
    }
}
