package io.aigw.example.shop;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tool the LangChain4j assistant may call; remembers the cities it was asked about. */
public class WeatherTools {

    private final List<String> cities = new CopyOnWriteArrayList<>();

    @Tool("The current weather in a city")
    public String weather(@P(name = "city", value = "the city") String city) {
        cities.add(city);
        return "sunny in " + city;
    }

    List<String> cities() {
        return cities;
    }
}
