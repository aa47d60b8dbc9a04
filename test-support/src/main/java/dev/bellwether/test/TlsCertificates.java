package dev.bellwether.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority and a server certificate it signed, for
 * {@code localhost} and {@code 127.0.0.1}, generated in memory and written as PEM files
 * for {@code redis-server} ({@code tls-cert-file}, {@code tls-key-file},
 * {@code tls-ca-cert-file}) and for clients (the CA certificate is what a Spring Boot PEM
 * SSL bundle trusts).
 */
public final class TlsCertificates {

	private static final Duration VALIDITY = Duration.ofDays(1);

	private final Path caCertificate;

	private final Path serverCertificate;

	private final Path serverKey;

	private final X509Certificate ca;

	private TlsCertificates(Path directory, X509Certificate ca, X509Certificate server, PrivateKey key)
			throws IOException, GeneralSecurityException {
		this.ca = ca;
		this.caCertificate = write(directory.resolve("ca.pem"), "CERTIFICATE", ca.getEncoded());
		this.serverCertificate = write(directory.resolve("server.pem"), "CERTIFICATE", server.getEncoded());
		this.serverKey = write(directory.resolve("server.key"), "PRIVATE KEY", key.getEncoded());
	}

	/**
	 * Generates a CA and a server certificate into a new temporary directory.
	 * @return the certificates
	 */
	public static TlsCertificates generate() {
		try {
			Path directory = Files.createTempDirectory("bellwether-tls-");
			directory.toFile().deleteOnExit();
			KeyPair caKeys = keyPair();
			X500Name caName = new X500Name("CN=Bellwether test CA");
			X509v3CertificateBuilder ca = builder(caName, caName, caKeys.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			KeyPair serverKeys = keyPair();
			GeneralNames names = new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
					new GeneralName(GeneralName.iPAddress, "127.0.0.1") });
			X509v3CertificateBuilder server = builder(caName, new X500Name("CN=localhost"), serverKeys.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
				.addExtension(Extension.subjectAlternativeName, false, names);
			return new TlsCertificates(directory, sign(ca, caKeys.getPrivate()), sign(server, caKeys.getPrivate()),
					serverKeys.getPrivate());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Could not generate test certificates", ex);
		}
	}

	/**
	 * The CA certificate, PEM: what clients trust.
	 * @return the file
	 */
	public Path caCertificate() {
		return this.caCertificate;
	}

	/**
	 * The server certificate, PEM, valid for {@code localhost} and {@code 127.0.0.1}.
	 * @return the file
	 */
	public Path serverCertificate() {
		return this.serverCertificate;
	}

	/**
	 * The server's private key, PEM (PKCS #8, unencrypted).
	 * @return the file
	 */
	public Path serverKey() {
		return this.serverKey;
	}

	/**
	 * A client TLS context that trusts the CA alone.
	 * @return the context
	 */
	public SSLContext sslContext() {
		try {
			KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
			trustStore.load(null, null);
			trustStore.setCertificateEntry("ca", this.ca);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Could not build a TLS context", ex);
		}
	}

	private static KeyPair keyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		return generator.generateKeyPair();
	}

	private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
		Instant now = Instant.now();
		return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
				Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, key);
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey caKey)
			throws OperatorCreationException, GeneralSecurityException {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
	}

	private static Path write(Path file, String type, byte[] der) throws IOException {
		String body = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
		Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
				StandardCharsets.US_ASCII);
		file.toFile().deleteOnExit();
		return file;
	}

}
