package org.rightsflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

/** The providers named are the ones the libraries would find by searching, and an operator's choice is kept. */
class ServiceProviderShortcutsTest {

    @Test
    void namesTheProvidersTheSearchWouldFindAndKeepsAnOperatorsChoice() throws Exception {
        String datatype = ServiceProviderShortcuts.PROPERTIES_FOR_TEST.get(0);
        String stream = ServiceProviderShortcuts.PROPERTIES_FOR_TEST.get(1);
        String keptDatatype = System.clearProperty(datatype);
        String keptStream = System.clearProperty(stream);
        try {
            // what the search finds without the properties
            String searchedDatatype = DatatypeFactory.newInstance().getClass().getName();
            String searchedStream = StreamProvider.provider().getClass().getName();

            new ServiceProviderShortcuts().postProcessEnvironment(new StandardEnvironment(), null);
            assertThat(System.getProperty(datatype)).isEqualTo(searchedDatatype);
            assertThat(System.getProperty(stream)).isEqualTo(searchedStream);
            assertThat(DatatypeFactory.newInstance().getClass().getName()).isEqualTo(searchedDatatype);
            assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(searchedStream);

            System.setProperty(stream, "operator.Choice");
            new ServiceProviderShortcuts().postProcessEnvironment(new StandardEnvironment(), null);
            assertThat(System.getProperty(stream)).isEqualTo("operator.Choice");
        } finally {
            restore(datatype, keptDatatype);
            restore(stream, keptStream);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
